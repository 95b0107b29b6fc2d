"""The synthetic demo workspace: Sichuan's real regions with generated, clearly labelled figures."""

from xinzhi.demo.build import DEMO_PROVINCE, build_demo

__all__ = ["DEMO_PROVINCE", "build_demo"]

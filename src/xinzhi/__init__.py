"""Xinzhi (新质): open analytics for a region's modern industrial system."""

__version__ = "0.1.0"

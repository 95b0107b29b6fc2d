"""Delivery tracking: indicators, targets and major projects.

Modules: :mod:`~xinzhi.delivery.periods` (period strings), :mod:`~xinzhi.delivery.indicators`
(cumulative/single values, growth, shares, per capita), :mod:`~xinzhi.delivery.rankings`
(league tables), :mod:`~xinzhi.delivery.targets` (progress and status),
:mod:`~xinzhi.delivery.projects` (investment progress, schedule, size bands),
:mod:`~xinzhi.delivery.alerts`, :mod:`~xinzhi.delivery.checks` (import row checks),
:mod:`~xinzhi.delivery.reports` (workspace → analytics) and :mod:`~xinzhi.delivery.templates`.
The package init stays empty so that :mod:`xinzhi.schema` can import the row checks cheaply.
"""

"""Support that finds the firm: policy measures as rulebooks matched both ways (政策找企业,
免申即享), digital-transition services, stage-matched resources, early warning and loans.

Modules by concern: :mod:`~xinzhi.support.measures` (the measure files), :mod:`~xinzhi.support.panel`
(what formulas may read), :mod:`~xinzhi.support.matching` (status and benefit per firm and measure),
:mod:`~xinzhi.support.firm` (one firm's view), :mod:`~xinzhi.support.runs` (stored runs),
:mod:`~xinzhi.support.stage`, :mod:`~xinzhi.support.resources`, :mod:`~xinzhi.support.services`,
:mod:`~xinzhi.support.warning`, :mod:`~xinzhi.support.loans`, :mod:`~xinzhi.support.exports`.
"""

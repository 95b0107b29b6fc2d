"""Enterprise evaluation by versioned rulebooks: 亩均 classes, gradient titles, digital maturity.

Rulebooks are YAML files (shipped ones in ``rulebooks/``); they compile to Ibis expressions that
run on DuckDB or Spark unchanged.
"""

from xinzhi.evaluation.loader import list_rulebooks, load_rulebook, select_rulebook
from xinzhi.evaluation.permu import evaluate_permu

__all__ = ["evaluate_permu", "list_rulebooks", "load_rulebook", "select_rulebook"]

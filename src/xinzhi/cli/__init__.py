"""The ``xinzhi`` command line: thin Typer adapters over the library."""

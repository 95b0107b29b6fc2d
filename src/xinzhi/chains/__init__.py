"""Industrial chains: definitions, coverage by local enterprises, gaps, leaders and targets."""

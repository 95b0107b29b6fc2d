"""Cluster systems (tiers of clusters mapped to industries and tags) and their profiles."""

"""Derived answers about a loaded program: standing, quarterly progress, the honor roll."""

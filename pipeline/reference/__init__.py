"""Reference data shipped with the package (reviewable JSON, not code)."""

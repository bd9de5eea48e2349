// The Notebook module.

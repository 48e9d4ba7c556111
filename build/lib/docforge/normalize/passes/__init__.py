"""The normalizer's passes, one module per pass, each named after the pass it holds."""

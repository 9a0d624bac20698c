"""The incident model and the shared NLP stack every analysis builds on."""

"""Training-side code: annotation corpora, format conversion, fine-tuning, evaluation."""

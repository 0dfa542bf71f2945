"""What leaves the window: annotation files, printed and PDF documents, cited passages."""

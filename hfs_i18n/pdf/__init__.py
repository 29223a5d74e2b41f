"""The pdf stage: HTML -> PDF with WeasyPrint, our fonts only, and an exact text layer."""

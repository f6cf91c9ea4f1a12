"""The teaching models: region content, references, tours (and the quiz and glossary to come)."""

"""Import existing plans (Word, Markdown, HTML, plain text) into planforge sources.

Readers turn a document into `Block`s; `structure` finds the heading tree and the parts
of a plan; `extract` finds titles, years, owners, deadlines and dates; `emit` writes the
YAML source with `# imported:` comments on everything that was guessed.
"""

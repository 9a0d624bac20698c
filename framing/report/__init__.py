"""The report: notebooks rendered to HTML, the summary page, plots and the manifest."""

"""Runs real SPSS Modeler streams (.str): the plan `pmdesk.streams.modeler.plan` reads,
checked (`check`, light enough for the service at submit) and executed on the job's tables
(`execute`: BATCH_SCORE and EVALUATION); see docs/modeler-streams.md."""

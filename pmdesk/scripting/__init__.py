"""`pmdesk jobs|files|schedules ...`: the batch job API for scripts, cron and CI (issue 15).

See docs/cli.md. The entry point is `pmdesk.scripting.cli.main`.
"""

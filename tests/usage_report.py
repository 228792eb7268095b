"""The report examples/usage_sqlite.c should print, computed apart from llm.h:
the rows read with Python's sqlite3, priced with LiteLLM's table
(tools/data/model_prices_and_context_window.json) by its per-token prices.
Usage: python3 tests/usage_report.py DB PRICES.json"""
import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
prices = json.load(open(sys.argv[2]))
totals = {}
for alias, model, prompt, completion, cached in db.execute(
        "SELECT model_alias, model, prompt_tokens, completion_tokens, cached_tokens FROM llm_usage"):
    entry = prices.get(model) or prices[model.split("/", 1)[1]]
    cost = (prompt - cached) * entry["input_cost_per_token"] + completion * entry["output_cost_per_token"]
    cost += cached * entry.get("cache_read_input_token_cost", entry["input_cost_per_token"])
    calls, p, c, usd = totals.get(alias, (0, 0, 0, 0.0))
    totals[alias] = (calls + 1, p + prompt, c + completion, usd + cost)
print("%-8s %5s %8s %10s %12s" % ("alias", "calls", "prompt", "completion", "cost_usd"))
for alias in sorted(totals):
    calls, p, c, usd = totals[alias]
    print("%-8s %5d %8d %10d %12.8f" % (alias, calls, p, c, usd))

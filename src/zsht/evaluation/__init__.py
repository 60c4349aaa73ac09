"""The evaluation layer: from the panel's scores to the funding each department settles.

- `scores`: one evaluation's totals (履约, 履职) and grade, by the county's rules in zsht.yaml.
- `settlement`: money to the fen; the one formula for the funding a community settles and each department's
  share of it (`zsht score` and `zsht report` both use it).
- `year`: every evaluation of a year scored, ranked within its township, with what could not be scored.
- `stored`: the one way a computed result is written into an evaluation file (`score --write`, `sheet import`).
- `output`: a year's results as a terminal table, JSON or a workbook.

Nothing is imported here: `zsht validate` needs only `scores`, and start-up time counts.
"""

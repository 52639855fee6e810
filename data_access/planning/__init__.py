"""Budget planning: next year's proposal from past results, its backtest, and the in-year forecast.

`panel` reads small yearly aggregates through the scoped query layer; `hierarchy` pools them
(empirical Bayes); `model` fits and draws next year's outcomes; `proposal`, `backtest` and
`forecast` are the entry points pages and the command line call.
"""

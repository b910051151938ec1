"""Passes: model -> model transformations between the readers and the writers.

Each pass is a function that takes a workout (or plan) and options and returns a
:class:`~paceplan.errors.Result` carrying the new model and the warnings it produced.
"""

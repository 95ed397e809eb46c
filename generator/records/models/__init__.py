"""The record models, one per kind (the registry of kinds is `records/kinds.py`)."""

from __future__ import annotations

from .agreement import Agreement, Filing
from .enterprise import Enterprise
from .evaluation import ACTIONS, AnnualEvaluation, Evaluation, FinalEvaluation
from .meeting import Meeting
from .need import Need, Synonyms
from .people import Doctor, University
from .policy import Policy
from .problem import Problem
from .report import OUTCOME_KEYS, FinalReport, QuarterlyReport
from .support import Support
from .visit import Visit

__all__ = [
    "ACTIONS",
    "OUTCOME_KEYS",
    "Agreement",
    "AnnualEvaluation",
    "Doctor",
    "Enterprise",
    "Evaluation",
    "Filing",
    "FinalEvaluation",
    "FinalReport",
    "Meeting",
    "Need",
    "Policy",
    "Problem",
    "QuarterlyReport",
    "Support",
    "Synonyms",
    "University",
    "Visit",
]

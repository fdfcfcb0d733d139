package oss.lsp.services;

import oss.ir.program.Span;

/** One place a symbol's name is written; {@code declaration} for the place that declares it. */
record Occurrence(Sym sym, Span span, boolean declaration) {}

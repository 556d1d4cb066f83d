// System.CommandLine also has a Symbol (an option or argument); in this program a symbol is always a ticker.
global using Symbol = Trading.Domain.Symbol;

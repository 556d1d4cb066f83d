using System.Text;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>What the import keeps of each file as it reads it, and which symbol each of its rows is for.</summary>
public sealed partial class CsvBarImport
{
    /// <summary>What the import learns about one file while reading and resolving it.</summary>
    private sealed class FileState(string source, Symbol symbol)
    {
        private readonly List<CsvProblem> _invalidExamples = [];
        private readonly SortedSet<DateTime> _conflicts = [];
        private readonly List<Symbol> _symbols = [];
        private int _invalidRows;

        public int Rows { get; private set; }

        public void Add(Symbol rowSymbol)
        {
            Rows++;

            // Rows of one symbol usually come together: the last symbol is checked before the list.
            if (_symbols.Count == 0 || (_symbols[^1] != rowSymbol && !_symbols.Contains(rowSymbol)))
            {
                _symbols.Add(rowSymbol);
            }
        }

        public int NullRows { get; set; }

        public bool Skipped { get; private set; }

        public void SkipInvalid(CsvProblem problem)
        {
            _invalidRows++;
            if (_invalidExamples.Count < MaxListedPerFile)
            {
                _invalidExamples.Add(problem);
            }
        }

        public void Conflict(DateTime time, bool skip)
        {
            _conflicts.Add(time);
            Skipped |= skip;
        }

        public CsvFileSummary ToSummary() => new(source, symbol, Rows, NullRows)
        {
            Symbols = _symbols.Count == 0 ? [symbol] : [.. _symbols.Order()],
            InvalidRowsSkipped = _invalidRows,
            InvalidRowExamples = _invalidExamples,
            ConflictingTimes = [.. _conflicts],
            Skipped = Skipped,
        };
    }

    /// <summary>Each row's symbol from a symbol column, read once per distinct spelling.</summary>
    private sealed class RowSymbols(Symbol file)
    {
        private readonly Dictionary<string, Symbol> _read = new(StringComparer.Ordinal);
        private byte[] _lastBytes = [];
        private Symbol _last;

        public Symbol File => file;

        public bool TryRead(ReadOnlySpan<byte> field, out Symbol symbol, out string? problem)
        {
            problem = null;
            if (!field.IsEmpty && field.SequenceEqual(_lastBytes))
            {
                symbol = _last;
                return true;
            }

            var text = Encoding.UTF8.GetString(field);
            if (!_read.TryGetValue(text, out symbol))
            {
                if (field.IsEmpty)
                {
                    problem = "symbol is empty";
                    return false;
                }

                if (!Symbol.TryParse(text, out symbol, out var error))
                {
                    problem = $"symbol '{Text(field)}': {error}";
                    return false;
                }

                _read.Add(text, symbol);
            }

            (_lastBytes, _last) = (field.ToArray(), symbol);
            return true;
        }
    }
}

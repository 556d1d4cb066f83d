using Trading.Domain;

namespace Trading.Execution;

/// <summary>The books: each symbol's working orders in submission order, and which symbols have any.</summary>
public sealed partial class SimulatedVenue
{
    /// <summary>Keeps each symbol's working list in submission (id) order, which is the order bars match them in.</summary>
    private void Insert(OrderTicket ticket)
    {
        var book = ticket.Book ?? BookOf(ticket.Request.Symbol);
        ticket.Book = book;
        var list = book.Working;
        if (book.Ordinal < 0)
        {
            book.Ordinal = _nextOrdinal++;
        }

        if (list.Count == 0)
        {
            // Appended, and put in order only when the books are visited (see ActiveBooks), which most runs never do.
            _activeInOrder &= _active.Count == 0 || _active[^1].Ordinal < book.Ordinal;
            _active.Add(book);
        }

        var index = list.Count;
        while (index > 0 && list[index - 1].Id > ticket.Id)
        {
            index--;
        }

        list.Insert(index, ticket);
        _workingCount++;
        CountWorking(book);
    }

    /// <summary>The books with working orders, in the order their symbols first had one.</summary>
    private List<Book> ActiveBooks()
    {
        if (!_activeInOrder)
        {
            _active.Sort(static (a, b) => a.Ordinal.CompareTo(b.Ordinal));
            _activeInOrder = true;
        }

        return _active;
    }

    /// <summary>Copies a book's working count to its symbol's places in the universe.</summary>
    private void CountWorking(Book book)
    {
        foreach (var index in book.UniverseIndices)
        {
            _workingByIndex[index] = book.Working.Count;
        }
    }

    private Book BookOf(Symbol symbol)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            book = new Book(symbol);
            _books[symbol] = book;
        }

        return book;
    }

    /// <summary>The working orders of one symbol, in submission (id) order.</summary>
    internal sealed class Book(Symbol symbol)
    {
        public Symbol Symbol { get; } = symbol;

        public List<OrderTicket> Working { get; } = [];

        /// <summary>Where the symbol is in the universe the venue was given (a symbol listed twice is in two places).</summary>
        public List<int> UniverseIndices { get; } = [];

        /// <summary>When the symbol first had a working order, relative to the others (-1 before that): books are
        /// visited in this order, which is the order the venue has always visited symbols in.</summary>
        public int Ordinal { get; set; } = -1;
    }
}

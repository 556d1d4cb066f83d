using Trading.Accounting;
using Trading.Domain;

namespace Trading.Tests.Accounting;

/// <summary>The ledger as the venue's funding check: cash accounts pay with cash and never short, margin accounts
/// stay within their leverage.</summary>
public sealed class AccountFundingTests
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");

    [Fact]
    public void Account_settings_refuse_nonsense_with_a_reason()
    {
        var leverage = Assert.Throws<ArgumentOutOfRangeException>(() => new AccountSettings { Type = AccountType.Margin, MaxLeverage = 0m });
        Assert.Contains("Maximum leverage must be positive", leverage.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccountSettings { Type = (AccountType)7 });

        var cash = Assert.Throws<ArgumentException>(() => new Ledger(1_000m, new AccountSettings { MaxLeverage = 2m }, Trade.Start));
        Assert.StartsWith("A cash account cannot borrow, so its MaxLeverage must be 1; got 2.", cash.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ledger(-1m, new AccountSettings(), Trade.Start));
        Assert.Equal(AccountType.Cash, new AccountSettings().Type);
        Assert.Equal(1m, new AccountSettings().MaxLeverage);
    }

    [Fact]
    public void A_cash_account_refuses_a_buy_that_costs_more_than_free_cash()
    {
        var ledger = new Ledger(10_000m, new AccountSettings(), Trade.Start);

        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Buy, 60), 150m, 1_000m));
        Assert.Equal(
            "Not enough cash: buying 100 AAPL at about 150 costs 15,000.00, but only 9,000.00 is free (10,000.00 cash, 1,000.00 promised to other buy orders).",
            ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Buy, 100), 150m, 1_000m));
    }

    [Fact]
    public void A_cash_account_refuses_to_sell_more_than_it_holds()
    {
        var ledger = new Ledger(10_000m, new AccountSettings(), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 10, 100m));

        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 10), 100m, 0m));
        Assert.Equal(
            "Cash accounts cannot sell short: the account holds 10 AAPL and the order sells 15.",
            ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 15), 100m, 0m));
        Assert.Equal(
            "Cash accounts cannot sell short: the account holds 0 MSFT and the order sells 1.",
            ledger.CheckOrder(OrderRequest.Market(Msft, OrderSide.Sell, 1), 100m, 0m));
    }

    [Fact]
    public void A_cash_account_affords_whole_shares_after_the_commission()
    {
        var ledger = new Ledger(10_000m, new AccountSettings(), Trade.Start);

        Assert.Equal(60m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 60m, 150m, 5m));
        Assert.Equal(66m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 100m, 150m, 5m)); // 9,995 / 150 = 66.6
        Assert.Equal(0m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 100m, 20_000m, 0m));
        Assert.Equal(0m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 1m, 1m, 10_001m));

        ledger.Apply(Trade.Buy("AAPL", 10, 100m));
        Assert.Equal(10m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 15m, 100m, 1m));
        Assert.Equal(4m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 4m, 100m, 1m));
        Assert.Equal(0m, ledger.AffordableQuantity(Msft, OrderSide.Sell, 4m, 100m, 1m));
    }

    [Fact]
    public void A_cash_account_sells_a_fraction_left_by_a_split_only_when_the_order_asks_for_no_more()
    {
        var ledger = new Ledger(10_000m, new AccountSettings(), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 5, 30m));
        ledger.ApplySplit(Aapl, 1.5m, Trade.Day(2)); // 7.5 shares

        Assert.Equal(7.5m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 7.5m, 20m, 0m));
        Assert.Equal(7m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 8m, 20m, 0m)); // whole shares, as IOrderFunding promises
        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 7.5m), 20m, 0m));
        Assert.Equal(
            "Cash accounts cannot sell short: the account holds 7.5 AAPL and the order sells 8.",
            ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 8m), 20m, 0m));
    }

    [Fact]
    public void A_margin_account_refuses_orders_that_take_gross_exposure_over_its_leverage()
    {
        var ledger = new Ledger(100_000m, AccountSettings.MarginAccount(2m), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 1_000, 100m)); // cash 0, equity 100,000, exposure 100,000

        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Msft, OrderSide.Sell, 1_000), 100m, 0m));
        Assert.Equal(
            "Over the leverage limit: after this order (Sell 1500 MSFT at about 100) gross exposure would be 250,000.00, but the margin account allows 2 × equity of 100,000.00 = 200,000.00.",
            ledger.CheckOrder(OrderRequest.Market(Msft, OrderSide.Sell, 1_500), 100m, 0m));
        Assert.Equal(
            "Over the leverage limit: after this order (Buy 1000 MSFT at about 100) gross exposure would be 200,001.00 (with 1.00 of other working buy orders), but the margin account allows 2 × equity of 100,000.00 = 200,000.00.",
            ledger.CheckOrder(OrderRequest.Market(Msft, OrderSide.Buy, 1_000), 100m, 1m));

        // Through zero: 1,500 sold leaves 500 short, less exposure than now; 3,500 sold leaves 2,500 short.
        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 1_500), 100m, 0m));
        Assert.NotNull(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 3_500), 100m, 0m));
    }

    [Fact]
    public void A_margin_account_over_its_limit_may_still_reduce()
    {
        var ledger = new Ledger(100_000m, AccountSettings.MarginAccount(1m), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 1_000, 100m));
        ledger.Mark(Aapl, 50); // equity 50,000, exposure 50,000: at the limit
        ledger.Apply(Trade.Sell("MSFT", 10, 100m)); // the ledger books what it is given

        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Sell, 100), 50m, 0m));
        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Msft, OrderSide.Buy, 10), 100m, 0m));
        Assert.NotNull(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Buy, 1), 50m, 0m));
    }

    [Fact]
    public void A_margin_account_values_the_orders_symbol_at_the_order_price()
    {
        var ledger = new Ledger(100_000m, AccountSettings.MarginAccount(1m), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 500, 100m)); // cash 50,000
        ledger.Mark(Aapl, 100);

        // At 120, the 500 held are worth 60,000 and equity is 110,000: 416 more shares fit, not 500.
        Assert.Null(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Buy, 416), 120m, 0m));
        Assert.NotNull(ledger.CheckOrder(OrderRequest.Market(Aapl, OrderSide.Buy, 417), 120m, 0m));
        Assert.Equal(416m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 1_000m, 120m, 0m));
    }

    [Fact]
    public void A_margin_account_affords_the_whole_shares_that_keep_its_leverage()
    {
        var ledger = new Ledger(100_000m, AccountSettings.MarginAccount(2m), Trade.Start);
        ledger.Apply(Trade.Buy("AAPL", 1_000, 100m));

        Assert.Equal(1_000m, ledger.AffordableQuantity(Msft, OrderSide.Sell, 1_500m, 100m, 0m));
        Assert.Equal(998m, ledger.AffordableQuantity(Msft, OrderSide.Sell, 1_500m, 100m, 100m)); // limit 2 × 99,900
        Assert.Equal(1_500m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 1_500m, 100m, 0m));
        Assert.Equal(3_000m, ledger.AffordableQuantity(Aapl, OrderSide.Sell, 3_500m, 100m, 0m)); // 1,000 to flat, 2,000 short
        Assert.Equal(1_000m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 1_500m, 100m, 0m));
        Assert.Equal(1_000m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 1_500m, 300m, 0m)); // at 300 equity is 300,000 too

        ledger.Apply(Trade.Sell("MSFT", 1_000, 100m)); // exposure 200,000: at the limit
        Assert.Equal(0m, ledger.AffordableQuantity(Aapl, OrderSide.Buy, 1_500m, 100m, 0m));
        Assert.Equal(500m, ledger.AffordableQuantity(Msft, OrderSide.Buy, 500m, 100m, 0m));
    }
}

using Trading.Cli;

return await TradeApp.RunAsync(args, Console.Out, Console.Error);

using System.CommandLine;
using Microsoft.Extensions.Options;
using Trading.Server;

namespace Trading.Cli.Commands;

/// <summary><c>trade serve [--urls URL] [--allow-remote-without-key]</c>: the HTTP API over the same database as the
/// other commands. Beyond loopback it needs <c>Server:ApiKey</c>, or the flag to go without.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:8000 (default http://localhost:8000: loopback only; http://0.0.0.0:8000 or a host name opens every network interface, which needs Server:ApiKey or --allow-remote-without-key).",
        };
        var allowRemote = new Option<bool>("--allow-remote-without-key")
        {
            Description = "Listen beyond loopback without Server:ApiKey: anyone who can reach the port can trade the paper account.",
        };
        var command = new Command("serve", "Serve the HTTP API (the original's /api/v1 routes and more; OpenAPI at /openapi/v1.json, reference at /docs) until Ctrl+C.");
        command.Options.Add(urls);
        command.Options.Add(allowRemote);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Store:SqlitePath"] = context.DatabasePath(parsed),
            };
            if (!string.IsNullOrWhiteSpace(parsed.GetValue(CliContext.DatabaseOption)))
            {
                // --db names a SQLite file, whatever the configuration's provider says.
                settings["Store:Provider"] = "sqlite";
            }

            if (parsed.GetValue(urls) is { Length: > 0 } listen)
            {
                settings["urls"] = listen;
            }

            if (parsed.GetValue(allowRemote))
            {
                settings["Server:AllowRemoteWithoutApiKey"] = "true";
            }

            var app = TradingServer.Create([], settings);
            await using (app.ConfigureAwait(false))
            {
                string? failure;
                try
                {
                    failure = await TradingServer.RunAsync(app, cancellationToken).ConfigureAwait(false);
                }
                catch (OptionsValidationException e)
                {
                    throw new CliException(e.Message);
                }

                if (failure is not null)
                {
                    throw new CliException($"the server stopped because {failure}");
                }
            }

            return 0;
        });
        return command;
    }
}

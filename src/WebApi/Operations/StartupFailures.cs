using Microsoft.AspNetCore.Connections;
using StateHub.Application.Common.Exceptions;

namespace StateHub.WebApi.Operations;

/// <summary>
/// Turns a failure at start into the one line the entry point prints on stderr before exiting with
/// code 1: a known one (a taken port, an unusable folder) with what to change, anything else with
/// its own messages (<see cref="Unexpected"/>). A failure after start is left to crash loudly.
/// </summary>
public static class StartupFailures
{
    public const int ExitCode = 1;

    public static string? Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StartupFailureException startup:
                    return startup.Message;
                case IOException io when io.InnerException is AddressInUseException:
                    return $"{io.Message.TrimEnd('.')}: another process is using that port. Stop it, or choose another address, " +
                           "e.g. --urls http://127.0.0.1:8001 (or ASPNETCORE_URLS=http://127.0.0.1:8001).";
                case AddressInUseException inUse:
                    return $"{inUse.Message.TrimEnd('.')}: another process is using that port. Stop it, or choose another address, " +
                           "e.g. --urls http://127.0.0.1:8001 (or ASPNETCORE_URLS=http://127.0.0.1:8001).";
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Select(Describe).FirstOrDefault(line => line is not null);
            }
        }

        return null;
    }

    /// <summary>
    /// The line for a failure at start that <see cref="Describe"/> does not know: the innermost
    /// message that names what went wrong (configuration binding wraps the setting's name around a
    /// parser's error), with the exception's type for whoever has to look further.
    /// </summary>
    public static string Unexpected(Exception exception)
    {
        if (exception is OperationCanceledException)
            return "it stopped while starting because a service failed; the error logged above says which and why.";
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // An outer message often quotes its inner one already.
            var message = current.Message.Trim().TrimEnd('.');
            if (current is not AggregateException && message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                messages.Add(message);
        }

        return $"{string.Join(": ", messages.Take(3))} ({exception.GetType().Name}). Check the setting or file it names.";
    }

    /// <summary>Prints the line to stderr ("State Hub cannot start: …") and returns the exit code.</summary>
    public static int Report(string line)
    {
        Console.Error.WriteLine($"State Hub cannot start: {line.ReplaceLineEndings(" ")}");
        return ExitCode;
    }
}

using Microsoft.AspNetCore.Connections;
using StateHub.Application.Common.Exceptions;

namespace StateHub.WebApi.Operations;

/// <summary>
/// Turns a failure at start that an operator can fix into the one line the entry point prints on
/// stderr before exiting with code 1; anything else is left to crash loudly.
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

    /// <summary>Prints the line to stderr ("State Hub cannot start: …") and returns the exit code.</summary>
    public static int Report(string line)
    {
        Console.Error.WriteLine($"State Hub cannot start: {line.ReplaceLineEndings(" ")}");
        return ExitCode;
    }
}

namespace StateHub.WebApi.Operations;

/// <summary>
/// Console logs with the trace id on every line (the activity's ids as a scope, shown by both the
/// single-line and the JSON formatter: <c>Logging__Console__FormatterName=json</c>), and a quiet
/// AutoMapper: without a licence key it would warn on the first request; we say so once at start.
/// </summary>
public static class LoggingSetup
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public const string AutoMapperLicenceCategory = "LuckyPennySoftware.AutoMapper.License";

    public static WebApplicationBuilder AddStateHubLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // A start-up failure reaches the operator as one line on stderr (StartupFailures); the host's
        // own "Hosting failed to start" error would repeat it with a stack trace. A background
        // service that fails still stops the host with a Critical entry, which stays visible.
        builder.Logging.AddFilter(HostCategory, LogLevel.Critical);
        // The dashboard's cookie is the API key itself (SameSite=Strict), so nothing of the hub is
        // protected with Data Protection keys; the first start of a new service user would still
        // warn that its key ring is stored unencrypted (a healthy start logs no warning, §16).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // The simple formatter's timestamp format ends with a space to part it from the level;
        // JSON lines carry the timestamp as a value, which must be plain ISO 8601.
        builder.Services.PostConfigure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(options =>
            options.TimestampFormat = options.TimestampFormat?.Trim());
        if (string.IsNullOrWhiteSpace(builder.Configuration["AutoMapper:LicenseKey"]))
        {
            builder.Logging.AddFilter(AutoMapperLicenceCategory, LogLevel.None);
            builder.Services.AddHostedService<AutoMapperLicenceNotice>();
        }

        return builder;
    }

    private sealed class AutoMapperLicenceNotice(ILoggerFactory loggerFactory) : IHostedService
    {
        private readonly ILogger _logger = loggerFactory.CreateLogger("AutoMapper");

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _logger.LogInformation(
                "AutoMapper runs without a licence key: allowed for development and testing; in production set AutoMapper__LicenseKey.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

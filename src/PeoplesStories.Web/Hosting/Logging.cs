using Serilog;
using Serilog.Events;

namespace PeoplesStories.Web.Hosting;

public static class Logging
{
    /// <summary>
    /// Serilog from appsettings (levels, overrides), writing to the console. A command writes every
    /// log line to stderr, so its stdout (reports, JSON) stays clean for tools.
    /// </summary>
    public static WebApplicationBuilder AddStoriesLogging(this WebApplicationBuilder builder, bool forCommand)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    standardErrorFromLevel: forCommand ? LogEventLevel.Verbose : null);
            if (forCommand)
            {
                logger.MinimumLevel.Override("Microsoft", LogEventLevel.Warning);
                logger.MinimumLevel.Override("PeoplesStories", LogEventLevel.Warning);
            }
        });
        return builder;
    }
}

// Program.cs calls AddHealth and MapHealth without a using of its own.
global using static PeoplesStories.Web.Health.HealthEndpoints;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PeoplesStories.Web.Health;

/// <summary>
/// <c>/healthz</c>: liveness, the process answers (no check runs, the database is not touched).
/// <c>/readyz</c>: readiness, the database answers and has no pending migration; 503 otherwise.
/// Both answer a small JSON body, <c>{"status":"Healthy"}</c>, never cached.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    /// <summary><c>{"status":"Unhealthy","checks":{"database":{"status":"Unhealthy","description":"..."}}}</c>; checks omitted when none ran.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        if (report.Entries.Count > 0)
        {
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                if (entry.Description is { } description)
                {
                    json.WriteString("description", description);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

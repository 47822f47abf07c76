namespace PeoplesStories.Web.Hosting;

/// <summary>
/// The site's preparation at start (the schema brought up to date, the seeds imported into an empty
/// database, the navigation loaded) runs while the host and Kestrel start, on the other core; every
/// request waits at this gate until the preparation is done, so none ever sees a database that is
/// not ready. If the preparation fails, the requests waiting fail with it and the process stops.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the preparation is done; faults if it failed.</summary>
    public Task Ready => ready.Task;

    /// <summary>Runs the preparation and opens the gate when it is done (or fails the waiting requests if it throws).</summary>
    public async Task RunAsync(Func<Task> preparation)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        try
        {
            await preparation();
            ready.TrySetResult();
        }
        catch (Exception exception)
        {
            ready.TrySetException(exception);
            throw;
        }
    }
}

public static class StartupGateExtensions
{
    /// <summary>First in the pipeline: a request that arrives while the site prepares waits for it.</summary>
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = app.ApplicationServices.GetRequiredService<StartupGate>();
        return app.Use(next => context => gate.Ready.IsCompletedSuccessfully ? next(context) : WaitAsync(context, next, gate.Ready));
    }

    private static async Task WaitAsync(HttpContext context, RequestDelegate next, Task ready)
    {
        await ready.WaitAsync(context.RequestAborted);
        await next(context);
    }
}

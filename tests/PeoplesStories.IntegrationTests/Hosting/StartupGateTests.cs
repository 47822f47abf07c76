using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.Web.Hosting;

namespace PeoplesStories.IntegrationTests.Hosting;

/// <summary>
/// The gate at the front of the pipeline: a request that arrives while the site prepares (schema,
/// seeds) waits for the preparation, and fails with it if it fails.
/// </summary>
public sealed class StartupGateTests
{
    [Fact]
    public async Task A_request_waits_until_the_preparation_is_done()
    {
        var gate = new StartupGate();
        var (pipeline, served) = Pipeline(gate);
        var preparation = new TaskCompletionSource();
        var preparing = gate.RunAsync(() => preparation.Task);

        var request = pipeline(new DefaultHttpContext());
        await Task.Delay(100);
        Assert.False(request.IsCompleted);
        Assert.Empty(served);

        preparation.SetResult();
        await preparing;
        await request.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(served);

        // Once open, a request goes straight through.
        await pipeline(new DefaultHttpContext());
        Assert.Equal(2, served.Count);
    }

    [Fact]
    public async Task A_failed_preparation_fails_the_waiting_requests_and_is_thrown()
    {
        var gate = new StartupGate();
        var (pipeline, served) = Pipeline(gate);
        var preparation = new TaskCompletionSource();
        var preparing = gate.RunAsync(() => preparation.Task);
        var request = pipeline(new DefaultHttpContext());

        preparation.SetException(new InvalidOperationException("the database is locked"));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => preparing);
        Assert.Equal("the database is locked", thrown.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(served);
    }

    [Fact]
    public async Task A_waiting_request_that_is_aborted_stops_waiting()
    {
        var gate = new StartupGate();
        var (pipeline, served) = Pipeline(gate);
        _ = gate.RunAsync(() => new TaskCompletionSource().Task);
        using var abort = new CancellationTokenSource();
        var request = pipeline(new DefaultHttpContext { RequestAborted = abort.Token });

        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(served);
    }

    private static (RequestDelegate Pipeline, List<HttpContext> Served) Pipeline(StartupGate gate)
    {
        var services = new ServiceCollection().AddSingleton(gate).BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        var served = new List<HttpContext>();
        app.UseStartupGate();
        app.Run(context =>
        {
            served.Add(context);
            return Task.CompletedTask;
        });
        return (app.Build(), served);
    }
}

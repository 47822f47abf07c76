using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>create-editor through the built executable: a generated password on stdout once, exit codes.</summary>
public sealed class EditorExecutableTests : IDisposable
{
    private readonly WebExecutable exe = new();

    public void Dispose() => exe.Dispose();

    private Task<(int Code, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args) => exe.RunAsync(stdin, args);

    [Fact]
    public async Task Create_editor_prints_a_generated_password_and_refuses_the_same_email_again()
    {
        var (code, stdout, stderr) = await RunAsync(null, "create-editor", "--email", "x@example.org");
        Assert.True(code == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("Password (shown only now): ", StringComparison.Ordinal));
        Assert.Equal(20, line["Password (shown only now): ".Length..].Trim().Length);

        var (again, againOut, againErr) = await RunAsync(null, "create-editor", "--email", "x@example.org");
        Assert.Equal(1, again);
        Assert.Contains("already taken", againErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", againOut, StringComparison.Ordinal);

        var (typed, typedOut, typedErr) = await RunAsync("Typed-Password-2026!", "create-editor", "--email", "admin@example.org", "--admin", "--password-stdin");
        Assert.True(typed == 0, typedErr);
        Assert.Contains("Created Admin admin@example.org", typedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Typed-Password-2026!", typedOut, StringComparison.Ordinal);

        var (usage, _, usageErr) = await RunAsync(null, "create-editor", "--admin");
        Assert.Equal(2, usage);
        Assert.Contains("usage: create-editor --email EMAIL [--admin] [--password-stdin]", usageErr, StringComparison.Ordinal);
    }
}

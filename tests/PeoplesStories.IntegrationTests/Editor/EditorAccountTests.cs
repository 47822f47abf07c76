using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Feeds;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Editor;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;

namespace PeoplesStories.IntegrationTests.Editor;

/// <summary>Editor accounts end to end: the create-editor command, signing in and out, lockout, passwords, the admin page, the audit log.</summary>
public sealed partial class EditorAccountTests : IDisposable
{
    private const string Admin = "admin@example.org";
    private const string Writer = "writer@example.org";

    private readonly StoriesAppFactory app = new();

    public void Dispose() => app.Dispose();

    [GeneratedRegex(@"Password \(shown only now\): (\S+)")]
    private static partial Regex GeneratedPassword();

    [Fact]
    public async Task Create_editor_generates_a_strong_password_once_and_refuses_a_duplicate()
    {
        var first = await app.RunCommandAsync("create-editor", "--email", Writer);
        Assert.True(first.ExitCode == CommandLine.Success, first.Stderr);
        var password = GeneratedPassword().Match(first.Stdout).Groups[1].Value;
        Assert.Equal(PasswordGenerator.DefaultLength, password.Length);
        Assert.Contains(password, char.IsUpper);
        Assert.Contains(password, char.IsLower);
        Assert.Contains(password, char.IsDigit);
        Assert.Contains(password, c => !char.IsLetterOrDigit(c));

        // The generated password signs in.
        using var client = await SignedInClientAsync(app, Writer, password);
        Assert.Contains(EditorRoles.Editor, await WithUsersAsync(app, async users => await users.GetRolesAsync((await users.FindByEmailAsync(Writer))!)));

        var again = await app.RunCommandAsync("create-editor", "--email", Writer);
        Assert.Equal(CommandLine.FileError, again.ExitCode);
        Assert.Contains("already taken", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", again.Stdout, StringComparison.Ordinal);

        var weak = await app.RunCommandWithStdinAsync("short\n", "create-editor", "--email", "weak@example.org", "--password-stdin");
        Assert.Equal(CommandLine.FileError, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Stderr, StringComparison.Ordinal);

        Assert.Equal(CommandLine.UsageError, (await app.RunCommandAsync("create-editor")).ExitCode);
        Assert.Equal(CommandLine.UsageError, (await app.RunCommandAsync("create-editor", "--email", "x@example.org", "--bogus")).ExitCode);

        var audit = await AuditAsync(app);
        var created = Assert.Single(audit, a => a.Action == AuditActions.EditorCreated);
        Assert.Equal((AuditLog.CommandLineActor, Writer, "role Editor"), (created.Actor, created.Subject, created.Detail));
    }

    [Fact]
    public async Task Signing_in_reaches_the_dashboard_with_recent_stories()
    {
        await CreateEditorAsync(app, Writer);
        using var anonymous = NewClient(app);
        using var challenged = await anonymous.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);

        using var client = NewClient(app);
        using var signIn = await PostFormAsync(client, "/editor/sign-in?ReturnUrl=%2Feditor%2Fchange-password", "/editor/sign-in",
        [
            new("Input.Email", Writer), new("Input.Password", Password), new("Input.RememberMe", "true"), new("ReturnUrl", "/editor/change-password"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/editor/change-password", signIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await client.GetDocumentAsync("/editor");
        Assert.Contains(Writer, dashboard.QuerySelector(".editor-whoami")!.TextContent, StringComparison.Ordinal);
        var links = dashboard.QuerySelectorAll(".editor-table tbody a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/stories/{SeededApp.CambodiaSlug}", links);
        Assert.Contains("Published", dashboard.Texts(".editor-table tbody td"));
        Assert.Empty(dashboard.QuerySelectorAll("a[href='/editor/editors']"));

        // An outside ReturnUrl is never followed.
        using var other = NewClient(app);
        using var outside = await PostFormAsync(other, "/editor/sign-in", "/editor/sign-in",
            [new("Input.Email", Writer), new("Input.Password", Password), new("ReturnUrl", "https://evil.example/")]);
        Assert.Equal("/editor", outside.Headers.Location?.OriginalString);

        var signIns = (await AuditAsync(app)).Where(a => a.Action == AuditActions.SignIn).ToList();
        Assert.Equal(2, signIns.Count);
        Assert.All(signIns, a => Assert.Equal(Writer, a.Actor));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        await CreateEditorAsync(app, Writer);
        using var client = NewClient(app);

        using var wrong = await SignInAsync(client, Writer, "Not-the-password-1");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.False(wrong.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)));
        var wrongPage = await ParseAsync(wrong);
        var message = wrongPage.QuerySelector("form #sign-in-refused")!.TextContent;

        using var unknown = await SignInAsync(client, "nobody@example.org", "Not-the-password-1");
        Assert.Equal(message, (await ParseAsync(unknown)).QuerySelector("form #sign-in-refused")!.TextContent);
        Assert.Equal(Writer, (await ParseAsync(wrong)).QuerySelector("#Input_Email")!.GetAttribute("value"));

        // Empty fields get their messages beside them.
        using var empty = await SignInAsync(client, "", "");
        var emptyPage = await ParseAsync(empty);
        Assert.Equal("Enter your email address.", emptyPage.QuerySelector("#email-error")!.TextContent);
        Assert.Equal("Enter your password.", emptyPage.QuerySelector("#password-error")!.TextContent);

        var failures = (await AuditAsync(app)).Where(a => a.Action == AuditActions.SignInFailed).ToList();
        Assert.Equal(["wrong password", "no account with this email"], failures.Select(a => a.Detail));
        Assert.All(failures, a => Assert.Null(a.Actor));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_so_even_the_right_password_is_refused()
    {
        await CreateEditorAsync(app, Writer);
        using var client = NewClient(app);
        for (var i = 0; i < EditorAccounts.MaxFailedAttempts; i++)
        {
            using var failed = await SignInAsync(client, Writer, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var right = await SignInAsync(client, Writer, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked for 15 minutes", (await ParseAsync(right)).QuerySelector("#sign-in-refused")!.TextContent, StringComparison.Ordinal);
        using var dashboard = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);

        var lockoutEnd = await WithUsersAsync(app, async users => (await users.FindByEmailAsync(Writer))!.LockoutEnd);
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        var audit = await AuditAsync(app);
        Assert.Equal(4, audit.Count(a => a.Action == AuditActions.SignInFailed && a.Detail == "wrong password"));
        Assert.Single(audit, a => a.Action == AuditActions.Lockout && a.Subject == Writer);
        Assert.Single(audit, a => a.Action == AuditActions.SignInFailed && a.Detail == "account locked");
        Assert.DoesNotContain(audit, a => a.Action == AuditActions.SignIn);
    }

    [Fact]
    public async Task Sign_out_is_a_post_that_ends_the_session()
    {
        await CreateEditorAsync(app, Writer);
        using var client = await SignedInClientAsync(app, Writer);

        using var signOut = await PostFormAsync(client, "/editor", "/editor/sign-out", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/editor/sign-in?signedOut=true", signOut.Headers.Location?.OriginalString);

        using var after = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/editor/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Single(await AuditAsync(app), a => a.Action == AuditActions.SignOut && a.Actor == Writer);
    }

    [Fact]
    public async Task An_editor_changes_their_password()
    {
        const string NewPassword = "Another-Long-Pass-77";
        await CreateEditorAsync(app, Writer);
        using var client = await SignedInClientAsync(app, Writer);

        using var mismatch = await PostFormAsync(client, "/editor/change-password", "/editor/change-password",
            [new("Input.CurrentPassword", "Wrong-current-1"), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);
        Assert.Equal("This is not your current password.", (await ParseAsync(mismatch)).QuerySelector("#current-error")!.TextContent);

        using var weak = await PostFormAsync(client, "/editor/change-password", "/editor/change-password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", "weak"), new("Input.ConfirmPassword", "weak")]);
        Assert.Contains("at least 12 characters", (await ParseAsync(weak)).QuerySelector("#new-error")!.TextContent, StringComparison.Ordinal);

        using var changed = await PostFormAsync(client, "/editor/change-password", "/editor/change-password",
            [new("Input.CurrentPassword", Password), new("Input.NewPassword", NewPassword), new("Input.ConfirmPassword", NewPassword)]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password has been changed", (await ParseAsync(changed)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // Still signed in here; the old password no longer works, the new one does.
        using var stillIn = await client.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        using var otherClient = NewClient(app);
        using var old = await SignInAsync(otherClient, Writer, Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await SignedInClientAsync(app, Writer, NewPassword);
        Assert.Single(await AuditAsync(app), a => a.Action == AuditActions.PasswordChanged && a.Actor == Writer);
    }

    [Fact]
    public async Task An_admin_adds_an_editor_changes_a_role_and_disables_an_account()
    {
        await CreateEditorAsync(app, Admin, admin: true);
        using var admin = await SignedInClientAsync(app, Admin);
        var dashboard = await admin.GetDocumentAsync("/editor");
        Assert.NotNull(dashboard.QuerySelector("a[href='/editor/editors']"));

        // Added with a generated password, shown once.
        using var added = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Add",
            [new("Add.Email", Writer), new("Add.Role", "Editor"), new("Add.Password", "")]);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.True(added.Headers.CacheControl?.NoStore, "a page with a password must not be stored");
        var addedPage = await ParseAsync(added);
        var generated = addedPage.QuerySelector("#generated-password")!.TextContent;
        Assert.Equal(PasswordGenerator.DefaultLength, generated.Length);
        Assert.Contains(Writer, addedPage.Texts(".editor-table tbody th"));
        var listed = await admin.GetDocumentAsync("/editor/editors");
        Assert.Null(listed.QuerySelector("#generated-password"));

        // A duplicate is refused beside the email field.
        using var duplicate = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Add",
            [new("Add.Email", Writer), new("Add.Role", "Editor"), new("Add.Password", "")]);
        Assert.Contains("already taken", (await ParseAsync(duplicate)).QuerySelector("#add-email-error")!.TextContent, StringComparison.Ordinal);

        using (var writer = await SignedInClientAsync(app, Writer, generated))
        {
            using var forbidden = await writer.GetAsync("/editor/editors");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("No access", (await ParseAsync(forbidden)).QuerySelector("h1")!.TextContent);
        }

        var writerId = await WithUsersAsync(app, async users => (await users.FindByEmailAsync(Writer))!.Id);
        using var promoted = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Role", [new("id", writerId), new("role", "Admin")]);
        Assert.Contains($"{Writer} is now Admin.", (await ParseAsync(promoted)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Admin"], await WithUsersAsync(app, async users => await users.GetRolesAsync((await users.FindByIdAsync(writerId))!)));

        // An admin cannot lock themself out.
        var adminId = await WithUsersAsync(app, async users => (await users.FindByEmailAsync(Admin))!.Id);
        using var self = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Disable", [new("id", adminId)]);
        Assert.NotNull((await ParseAsync(self)).QuerySelector("[role=alert]"));
        Assert.False(await WithUsersAsync(app, async users => (await users.FindByIdAsync(adminId))!.Disabled));

        using var disabled = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Disable", [new("id", writerId)]);
        Assert.Contains($"{Writer} is disabled.", (await ParseAsync(disabled)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        using var otherClient = NewClient(app);
        using var refused = await SignInAsync(otherClient, Writer, generated);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(SignInRefusedMessage, (await ParseAsync(refused)).QuerySelector("#sign-in-refused")!.TextContent);

        using var enabled = await PostFormAsync(admin, "/editor/editors", "/editor/editors?handler=Enable", [new("id", writerId)]);
        using var back = await SignedInClientAsync(app, Writer, generated);

        var audit = await AuditAsync(app);
        Assert.Contains(audit, a => a.Action == AuditActions.EditorCreated && a.Actor == Admin && a.Subject == Writer);
        Assert.Contains(audit, a => a.Action == AuditActions.RoleChanged && a.Actor == Admin && a.Subject == Writer && a.Detail == "Editor → Admin");
        Assert.Contains(audit, a => a.Action == AuditActions.EditorDisabled && a.Actor == Admin && a.Subject == Writer);
        Assert.Contains(audit, a => a.Action == AuditActions.SignInFailed && a.Subject == Writer && a.Detail == "account disabled");
        Assert.Contains(audit, a => a.Action == AuditActions.EditorEnabled && a.Actor == Admin && a.Subject == Writer);
        Assert.All(audit, a => Assert.InRange(a.At, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow));
    }

    [Fact]
    public async Task A_disabled_editor_loses_an_open_session_at_the_next_security_check()
    {
        await CreateEditorAsync(app, Admin, admin: true);
        await CreateEditorAsync(app, Writer);

        // The same app, checking the security stamp on every request instead of once a minute.
        using var strict = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        using var writer = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signIn = await SignInAsync(writer, Writer, Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var before = await writer.GetAsync("/editor"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var writerId = await WithUsersAsync(app, async users => (await users.FindByEmailAsync(Writer))!.Id);
        await using (var scope = strict.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<EditorDirectory>().SetDisabledAsync(writerId, disabled: true, Admin);
            Assert.True(result.Succeeded);
        }

        using var after = await writer.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/editor/sign-in", after.Headers.Location!.AbsolutePath);
    }

    private const string SignInRefusedMessage = Web.Pages.Editor.SignInModel.RefusedMessage;
}

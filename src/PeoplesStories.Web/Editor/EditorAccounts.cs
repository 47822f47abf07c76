using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor;

/// <summary>The two roles of the editor area.</summary>
public static class EditorRoles
{
    public const string Editor = "Editor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Editor, Admin];
}

/// <summary>Authorisation policies: every page under Pages/Editor needs <see cref="Editor"/>; managing editors needs <see cref="Admin"/>.</summary>
public static class EditorPolicies
{
    public const string Editor = "Editor";
    public const string Admin = "Admin";
}

public static class EditorAccounts
{
    public const string SignInPath = "/editor/sign-in";
    public const string SignOutPath = "/editor/sign-out";
    public const int MaxFailedAttempts = 5;

    /// <summary>The longest email address an account may have (the practical limit of the standards).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>The longest password accepted: ample for a passphrase, short enough that hashing stays cheap.</summary>
    public const int PasswordMaxLength = 128;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Identity over the stories database, the editor cookie and the editor policies. No account is
    /// created here. The pages themselves are protected by <see cref="ProtectEditorArea"/>.
    /// </summary>
    public static IServiceCollection AddEditorAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<EditorUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutTime;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StoriesDbContext>()
            .AddSignInManager<EditorSignInManager>()
            .AddDefaultTokenProviders();

        // A disabled editor, or a changed password or role, ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = ForbiddenAsync;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicies.Editor, policy => policy.RequireRole(EditorRoles.Editor, EditorRoles.Admin))
            .AddPolicy(EditorPolicies.Admin, policy => policy.RequireRole(EditorRoles.Admin));

        services.AddScoped<AuditLog>();
        services.AddScoped<EditorDirectory>();
        services.AddScoped<Stories.StoryDesk>();
        services.AddHostedService<Stories.RevisionBackfillService>();
        return services;
    }

    /// <summary>
    /// The folder-wide rule: every page under Pages/Editor needs the Editor policy unless it says
    /// otherwise, so a new page there is protected by default. Only the sign-in page is open.
    /// </summary>
    public static void ProtectEditorArea(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Conventions.AuthorizeFolder("/Editor", EditorPolicies.Editor);
        options.Conventions.AllowAnonymousToPage("/Editor/SignIn");
    }

    /// <summary>A signed-in user without the right role gets a 403 (and the site's error page), not a redirect.</summary>
    private static Task ForbiddenAsync(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AnjuPortal.Web.Security;

/// <summary>
/// The public page's forms (举报投诉 and the receipt lookup) are limited per client address, like sign-in
/// (<see cref="SignInRateLimiting"/>): <c>PublicComplaints:SubmissionsPerHour</c> (default 5) posts of the complaint form
/// and <c>PublicComplaints:LookupsPerHour</c> (default 20) receipt lookups an hour from one address; reading the page is
/// not limited. A refused post gets 429 with a short page in Chinese. Behind a reverse proxy, forwarded headers must be
/// configured so that the address is the client's (docs/security.md).
/// </summary>
internal static class PublicComplaintRateLimiting
{
    public const string SubmitPolicy = "public-complaint";
    public const string LookupPolicy = "public-complaint-lookup";

    public static IServiceCollection AddPublicComplaintRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var submissions = Math.Max(1, configuration.GetValue("PublicComplaints:SubmissionsPerHour", 5));
        var lookups = Math.Max(1, configuration.GetValue("PublicComplaints:LookupsPerHour", 20));
        return services.AddRateLimiter(options =>
        {
            // The sign-in limiter set its own message; answer ours for our policies and leave the rest to it.
            var previous = options.OnRejected;
            options.OnRejected = async (context, ct) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                if (policy is SubmitPolicy or LookupPolicy)
                {
                    context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync(RejectedPage, ct);
                    return;
                }

                if (previous is not null)
                {
                    await previous(context, ct);
                }
            };
            options.AddPolicy(SubmitPolicy, http => PostsByAddress(http, "submit", submissions));
            options.AddPolicy(LookupPolicy, http => PostsByAddress(http, "lookup", lookups));
        });
    }

    private static RateLimitPartition<string> PostsByAddress(HttpContext http, string form, int permits)
        => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                $"{form}:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");

    private const string RejectedPage =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>提交过于频繁</title></head>"
        + "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.7\">"
        + "<h1 style=\"font-size:1.25rem\">提交过于频繁，请稍后再试</h1>"
        + "<p>为防止恶意刷单，同一网络地址每小时提交举报投诉或查询的次数有限。请一小时后再试；情况紧急的，请拨打当地住房和城乡建设部门的监督电话。</p>"
        + "<p><a href=\"/public\">返回信息公开页</a></p></body></html>";
}

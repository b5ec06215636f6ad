using AnjuPortal.Application;
using AnjuPortal.Hosting;
using AnjuPortal.Infrastructure;
using AnjuPortal.Web.Commands;
using AnjuPortal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAnjuHosting(defaultServiceName: "anju-web").AddAnjuRequestLimits();
builder.Services
    .AddAnjuApplication()
    .AddAnjuInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
    .AddAnjuWeb(builder.Configuration);

var app = builder.Build();
if (AdminCommands.IsCommand(args))
{
    return await AdminCommands.RunAsync(app, args);
}

await app.InitializeAnjuAsync();
app.UseAnjuPipeline();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;

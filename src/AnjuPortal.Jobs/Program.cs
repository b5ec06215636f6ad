using AnjuPortal.Application;
using AnjuPortal.Hosting;
using AnjuPortal.Infrastructure;
using AnjuPortal.Jobs;

var builder = WebApplication.CreateBuilder(args);
JobService.ForceServer(builder.Configuration);
builder.AddAnjuHosting(defaultServiceName: "anju-jobs");
builder.Services
    .AddAnjuApplication()
    .AddAnjuInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
    .AddAnjuJobService();

var app = builder.Build();
await app.InitializeJobServiceAsync();
app.UseJobServicePipeline();
await app.RunAsync();

/// <summary>Entry point type, visible to the test host.</summary>
public partial class Program;

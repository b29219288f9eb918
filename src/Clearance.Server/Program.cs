using Clearance.Server.Hosting;

// The content root is the program's folder, so the web UI's files are found wherever the server is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddClearance();

var app = builder.Build();
app.UseClearance();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

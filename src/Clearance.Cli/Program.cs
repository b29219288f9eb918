using Clearance.Cli;

return CliApplication.Run(args, Console.Out, Console.Error, TimeProvider.System);

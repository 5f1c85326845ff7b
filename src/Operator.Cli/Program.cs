return await Operator.Cli.App.RunAsync(args);

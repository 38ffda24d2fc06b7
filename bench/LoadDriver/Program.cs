using Integration.Bench;

// Scenarios (README, "Load driver"):
//   gateway  registrations through the gateway next to plain PostgreSQL inserts, and their ratio
//   scale    intake's registration, duplicate check and search on an empty store and after seeding N clients
//   caseload the coordinator's caseload on an empty store and after seeding N referrals
//   booking  booking a mediator with a pool of M mediators, before and after seeding N bookings
//   timeline a case's timeline (200 entries) and an office's worklist, after seeding N clients
//   propagation  registration → the other services' read models, at idle and during a burst
var options = LoadOptions.Parse(args);
Console.WriteLine($"Load driver: scenario {options.Scenario}");
await (options.Scenario switch
{
    "gateway" => GatewayScenario.RunAsync(options),
    "scale" => ScaleScenario.RunAsync(options),
    "caseload" => CaseloadScenario.RunAsync(options),
    "booking" => BookingScenario.RunAsync(options),
    "timeline" => TimelineScenario.RunAsync(options),
    "propagation" => PropagationScenario.RunAsync(options),
    _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}': use gateway, scale, caseload, booking, timeline or propagation."),
});

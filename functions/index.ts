// The app's entry point (package.json `main`): importing a module registers its functions with the host.
// Registration modules are added here as the app grows; nothing else lives in this file.
import "./registrations/http";
import "./registrations/workflows";
import "./registrations/drills";
import "./registrations/monitoring";
import "./registrations/dashboard";
export {};

/** After-sales service timing: next due date by time or mileage, and status against the schedule. */
export { DEFAULT_LAPSED_AFTER_DAYS } from "./lapse.js";
export { type NextService, nextDue, type ServiceVehicle } from "./next-due.js";
export { DEFAULT_SERVICE_SCHEDULE, type ServiceSchedule } from "./schedule.js";
export { type ServiceStatus, type ServiceStatusOptions, status } from "./status.js";

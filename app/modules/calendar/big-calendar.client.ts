// Loads react-big-calendar and its moment localizer (British: Monday weeks, en-GB formats) in
// the browser only. A .client module is empty on the server, so the library never enters the
// server bundle, and import() puts it in its own chunk that only the calendar pages load.
export async function loadBigCalendar() {
  const [rbc, momentModule] = await Promise.all([import("react-big-calendar"), import("moment")]);
  await import("moment/locale/en-gb");
  const moment = momentModule.default;
  moment.locale("en-gb");
  return { Calendar: rbc.Calendar, localizer: rbc.momentLocalizer(moment) };
}

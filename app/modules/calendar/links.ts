// react-big-calendar's stylesheet, linked only from the calendar pages.
import calendarStyles from "react-big-calendar/lib/css/react-big-calendar.css";

export const calendarLinks = () => [{ rel: "stylesheet", href: calendarStyles }];

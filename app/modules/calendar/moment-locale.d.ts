// moment's locale files register themselves on import and export nothing typed.
declare module "moment/locale/en-gb";

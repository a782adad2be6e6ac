/** Management: health contributors, the /actuator/connections endpoint, the eventdispatcher.* meters, the library's defaults. Internal. */
package org.eventdispatcher.management;
